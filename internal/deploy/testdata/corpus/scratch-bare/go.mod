module example.com/scratchbare

go 1.22
