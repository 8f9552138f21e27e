module example.com/shipped

go 1.23
