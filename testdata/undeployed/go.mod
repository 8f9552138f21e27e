module example.com/undeployed

go 1.23
