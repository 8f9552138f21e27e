module example.com/argfrom/v2

go 1.22
