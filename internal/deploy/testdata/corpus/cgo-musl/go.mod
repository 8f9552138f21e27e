module example.com/cgomusl

go 1.22
