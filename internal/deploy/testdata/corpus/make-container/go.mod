module example.com/mkc

go 1.22
