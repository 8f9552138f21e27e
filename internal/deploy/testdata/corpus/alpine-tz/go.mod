module example.com/alpinetz

go 1.22
