// A syslog connection whose failure the program absorbs (it logs to its
// own output instead) is tolerated; one whose failure is fatal or handed
// on is not.
package main

import (
	"fmt"
	"io"
	"log"
	"log/syslog"
	"os"
)

func output() io.Writer {
	w, err := syslog.New(syslog.LOG_INFO, "app")
	if err != nil {
		return os.Stderr
	}
	return w
}

func setup() {
	if w, err := syslog.Dial("", "", syslog.LOG_INFO, "app"); err == nil {
		log.SetOutput(w)
	}
}

func logger() *log.Logger {
	l, err := syslog.NewLogger(syslog.LOG_INFO, 0)
	if err != nil {
		l = log.New(os.Stderr, "", 0)
	}
	return l
}

// Not tolerated.

func required() *syslog.Writer {
	w, err := syslog.New(syslog.LOG_ERR, "app") // want `^syslog.New fails on scratch`
	if err != nil {
		log.Fatal(err)
	}
	return w
}

func handedOn() (*syslog.Writer, error) {
	w, err := syslog.Dial("", "", syslog.LOG_INFO, "app") // want `^syslog.Dial fails on scratch`
	if err != nil {
		return nil, fmt.Errorf("syslog: %w", err)
	}
	return w, nil
}

func main() {
	fmt.Fprintln(output(), "hello")
	setup()
	logger().Print("x")
	required().Info("y")
	fmt.Println(handedOn())
}
