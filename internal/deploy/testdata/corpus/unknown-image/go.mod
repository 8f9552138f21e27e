module example.com/unknownimage

go 1.22
