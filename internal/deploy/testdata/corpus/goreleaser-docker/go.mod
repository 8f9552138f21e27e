module example.com/grdocker

go 1.22
