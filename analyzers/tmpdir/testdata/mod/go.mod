module example.com/app

go 1.23

require example.com/fw v0.0.0

replace example.com/fw => ./fw
