module example.com/initramfs

go 1.23
