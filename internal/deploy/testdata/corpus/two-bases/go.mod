module example.com/twobases

go 1.22
