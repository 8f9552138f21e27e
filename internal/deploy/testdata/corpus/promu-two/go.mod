module example.com/promutwo

go 1.22
