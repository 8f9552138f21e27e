package a

func same()    {}
func differs() {}
func only()    {}

func f() {
	same()    // want `^same fails on scratch and alpine$`
	differs() // want `^differs on scratch$` `^differs on alpine$`
	only()    // want `^only fails on alpine$`
	//scratchvet:ignore fake the constructor applies the directives
	same()
}
