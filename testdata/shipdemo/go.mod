module example.com/shipdemo

go 1.23
