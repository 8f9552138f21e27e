module example.com/mbarg

go 1.22
