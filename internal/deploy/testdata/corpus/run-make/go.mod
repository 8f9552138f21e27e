module example.com/runmake

go 1.22
