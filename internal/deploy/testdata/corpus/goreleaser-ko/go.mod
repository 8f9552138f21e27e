module example.com/grko

go 1.22
