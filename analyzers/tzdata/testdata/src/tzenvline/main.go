package main // want `time.Local is UTC on "scratch,tz=America/New_York"`

// The imports are past the end of the file as far as the //line directive
// says (it panicked); the fix edits this file's text.

import (
//line zones.y:900
	"fmt"
	"time"
)

//nolint:exec // a directive after the //line directive is read from the text
func main() {
	fmt.Println(time.Now().Format(time.Kitchen))
}
