# scratchvet — developer entry points. `make demo` and `make test` are the
# two commands README.md promises a newcomer.

GO          ?= go
BIN         := $(CURDIR)/bin
SCRATCHVET  := $(BIN)/scratchvet
STATICCHECK_VERSION := v0.8.2
STATICCHECK := $(BIN)/staticcheck
ACTIONLINT_VERSION := v1.7.12
ACTIONLINT := $(BIN)/actionlint

.PHONY: build demo test lint selfcheck unit fuzz lsp truth truth-doc staticcheck actionlint golangci release clean

build:
	$(GO) build -o $(SCRATCHVET) ./cmd/scratchvet

# The main job on an included example: the findings on testdata/demo for a
# FROM scratch image, then the fixes scratchvet would apply.
demo: build
	@echo '$$ scratchvet deployments      # in testdata/shipdemo: how it ships, read from its Dockerfiles and Makefile'
	@cd testdata/shipdemo && $(SCRATCHVET) deployments
	@echo
	@echo '$$ scratchvet ./...            # in testdata/shipdemo, judged on both images'
	@cd testdata/shipdemo && env -u CGO_ENABLED $(SCRATCHVET) ./... ; test $$? -eq 1
	@echo
	@echo '$$ scratchvet ./...            # in testdata/demo, shipped FROM scratch'
	@cd testdata/demo && $(SCRATCHVET) ./... ; test $$? -eq 1
	@echo
	@echo '$$ scratchvet -diff ./...      # the suggested fixes'
	@cd testdata/demo && $(SCRATCHVET) -diff ./... >$(CURDIR)/bin/demo.diff ; cat $(CURDIR)/bin/demo.diff
	@echo
	@echo '$$ go vet -vettool=$$(command -v scratchvet) -target=distroless-static ./...'
	@cd testdata/demo && $(GO) vet -vettool=$(SCRATCHVET) -target=distroless-static ./... ; true

test: lint unit fuzz lsp truth selfcheck vscode

# gofmt, go vet and staticcheck must be clean; actionlint checks the
# workflow and, through its `uses: ./`, the action's metadata (action.yml).
lint: staticcheck actionlint
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' | grep -v '/testdata/')); \
	  if [ -n "$$unformatted" ]; then echo "not gofmt-ed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(STATICCHECK) ./...

actionlint: $(ACTIONLINT)
	$(ACTIONLINT) .github/workflows/*.yml
$(ACTIONLINT):
	GOBIN=$(BIN) GOFLAGS= $(GO) install github.com/rhysd/actionlint/cmd/actionlint@$(ACTIONLINT_VERSION)

staticcheck: $(STATICCHECK)
$(STATICCHECK):
	GOBIN=$(BIN) GOFLAGS= $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

# Analyzer, unit and end-to-end tests (the language server and the
# runtime-truth suite have targets of their own).
unit:
	$(GO) test -timeout 20m $$($(GO) list ./... | grep -v -e '/truth' -e '/lsp$$')

# Short runs of the fuzz targets of the readers of untrusted input and of
# fix application (issue 14), a few seconds each; the seeds run in `unit`.
# A crasher is written to the package's testdata/fuzz: commit it, it stays
# a regression test.
FUZZTIME ?= 4s
fuzz:
	$(GO) test -run='^$$' -fuzz='^FuzzReadBinary$$' -fuzztime=$(FUZZTIME) ./inspect/
	$(GO) test -run='^$$' -fuzz='^FuzzLayers$$' -fuzztime=$(FUZZTIME) ./inspect/
	$(GO) test -run='^$$' -fuzz='^FuzzParse$$' -fuzztime=$(FUZZTIME) ./internal/config/
	$(GO) test -run='^$$' -fuzz='^FuzzMatchPath$$' -fuzztime=$(FUZZTIME) ./internal/config/
	$(GO) test -run='^$$' -fuzz='^FuzzAddImport$$' -fuzztime=$(FUZZTIME) ./internal/report/
	$(GO) test -run='^$$' -fuzz='^FuzzParseDockerfile$$' -fuzztime=$(FUZZTIME) ./internal/deploy/

# The language server: in-process and real-client tests (Neovim, a Node
# client, the editor configurations of docs/editors.md), the differential
# test against the CLI (20 steps) under the race detector, then a short fuzz
# run of its framing and dispatch. -count=1: the real clients are child
# processes. -timeout: the race detector slows the rounds several times.
lsp:
	$(GO) test -race -count=1 -timeout 25m ./lsp/...
	$(GO) test -run='^$$' -fuzz=FuzzServer -fuzztime=10s ./lsp/

# The runtime-truth suite (needs root: chroot, mknod, a network namespace).
# -count=1: its fixtures and scratchvet are read by child processes, which
# the test cache does not track.
truth:
	$(GO) test -count=1 -timeout 30m ./truth/...

# Regenerate docs/TRUTH.md from a run of the runtime-truth suite.
truth-doc:
	SCRATCHVET_WRITE_TRUTH=1 $(GO) test -count=1 -timeout 30m -run TestRuntimeTruth ./truth/

# scratchvet on its own code, in both modes. Its own target is a full
# glibc system (developer machines, CI runners) with the programs it runs:
# go (go list, the compiler's export data) and, for the release tool, git
# (the exec check says so on a plain glibc target). On scratch it would need
# CGO_ENABLED=0, and the check says so. Then scratchvet as it ships: the
# Dockerfile's build (CGO_ENABLED) on its final image (golang: a glibc
# system with go and git), read from the Dockerfile.
SELF_PROGRAMS = programs=debian+go+git
IMAGE_CGO    = $(shell sed -n 's/.*CGO_ENABLED=\([01]\).*/\1/p' Dockerfile | head -n1)
IMAGE_BASE   = $(shell sed -n 's/^FROM \([^ ]*\).*/\1/p' Dockerfile | tail -n1)
IMAGE_TARGET = $(if $(findstring alpine,$(IMAGE_BASE)),alpine,$(if $(filter golang:% debian:% ubuntu:%,$(IMAGE_BASE)),glibc,))
selfcheck: build
	$(SCRATCHVET) -target glibc,$(SELF_PROGRAMS) ./...
	$(GO) vet -vettool=$(SCRATCHVET) -target=glibc,$(SELF_PROGRAMS) ./...
	@test -n "$(IMAGE_TARGET)" -a -n "$(IMAGE_CGO)" || { echo "selfcheck: no target for the Dockerfile's image $(IMAGE_BASE) (CGO_ENABLED=$(IMAGE_CGO))"; exit 2; }
	CGO_ENABLED=$(IMAGE_CGO) $(SCRATCHVET) -target $(IMAGE_TARGET),$(SELF_PROGRAMS) ./...

# The golangci-lint plugin end to end: builds golangci-lint v2 with the
# plugin from the module proxy (minutes when cold, seconds after) and
# compares its findings with scratchvet's. Not part of `test` for its cold
# build time; `go test ./golangci/` (in unit) tests the plugin interface.
golangci:
	golangci/testdata/e2e/run.sh

# The VS Code extension (vscode-extension/). vsix: type-check, bundle and
# package it as vscode-extension/scratchvet.vsix (without the binary, which
# the extension finds or installs). vscode: its unit tests (plain node),
# then the end-to-end test in code-server (test/e2e/run.sh installs its
# own dependencies).
.PHONY: vsix vscode
EXT := vscode-extension
$(EXT)/node_modules/.package-lock.json: $(EXT)/package-lock.json
	cd $(EXT) && npm ci --no-audit --no-fund --loglevel=error

# After packaging, the offline checks of vsce and ovsx (Open VSX's client):
# the .vsix is publishable to both registries, license included.
$(EXT)/test/publish/node_modules/.package-lock.json: $(EXT)/test/publish/package-lock.json
	cd $(EXT)/test/publish && npm ci --no-audit --no-fund --loglevel=error

vsix: $(EXT)/node_modules/.package-lock.json $(EXT)/test/publish/node_modules/.package-lock.json
	cd $(EXT) && npm run --silent typecheck && npm run --silent package
	cd $(EXT) && node test/publish/check.mjs scratchvet.vsix

vscode: build vsix
	cd $(EXT) && SCRATCHVET_BIN=$(SCRATCHVET) npm test --silent
	$(EXT)/test/e2e/run.sh $(SCRATCHVET) $(CURDIR)/$(EXT)/scratchvet.vsix

# Release archives (docs/release.md): static binaries for linux, darwin and
# windows x amd64, arm64 in dist/, with a SHA-256 checksums file. VERSION
# defaults to the tag at HEAD. Reproducible: the same commit and toolchain
# give the same bytes.
VERSION ?= $(shell git describe --tags --exact-match 2>/dev/null)
release:
	@test -n "$(VERSION)" || { echo 'make release: no tag at HEAD; set VERSION=vX.Y.Z'; exit 2; }
	rm -rf dist
	$(GO) run ./internal/release -version $(VERSION) -out dist

clean:
	rm -rf $(BIN) dist
