// Command greeter is the plugin that the plugin fixture loads; the harness
// builds it with -buildmode=plugin under the same configuration.
package main

// Greet is looked up by the plugin fixture.
func Greet() string { return "hello from the plugin" }

func main() {}
