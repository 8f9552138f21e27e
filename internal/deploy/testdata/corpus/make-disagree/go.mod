module example.com/makedisagree

go 1.22
