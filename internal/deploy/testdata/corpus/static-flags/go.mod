module example.com/staticflags

go 1.22
