module example.com/makeunexported

go 1.22
