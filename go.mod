module github.com/scratchvet/scratchvet

go 1.23.0

require (
	github.com/golangci/plugin-module-register v0.1.2
	github.com/pelletier/go-toml/v2 v2.4.3
	github.com/sourcegraph/jsonrpc2 v0.2.1
	go.yaml.in/yaml/v3 v3.0.6
	golang.org/x/mod v0.27.0
	golang.org/x/tools v0.36.0
)

require golang.org/x/sync v0.16.0 // indirect
