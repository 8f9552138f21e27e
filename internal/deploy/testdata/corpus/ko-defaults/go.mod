module example.com/kodefaults

go 1.22
