module example.com/scratchcerts

go 1.22
