module example.com/ws/svc

go 1.22
