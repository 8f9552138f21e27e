package main

import (
	"mime/multipart"
	"net/http"
)

func upload(w http.ResponseWriter, r *http.Request) {
	r.ParseMultipartForm(32 << 20) // want `^ParseMultipartForm fails on scratch for uploads above 32 MiB`
	r.FormFile("file")             // want `^FormFile fails on scratch for uploads above maxMemory`
	r.FormValue("q")
}

func read(mr *multipart.Reader) {
	mr.ReadForm(10 << 10) // want `^ReadForm fails on scratch for uploads above 10 KiB`
}

func main() {
	http.HandleFunc("/", upload)
}
