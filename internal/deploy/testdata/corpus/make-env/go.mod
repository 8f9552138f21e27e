module example.com/makeenv

go 1.22
