module example.com/configs

go 1.23
