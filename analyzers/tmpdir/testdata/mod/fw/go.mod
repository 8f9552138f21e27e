module example.com/fw

go 1.23
