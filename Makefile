# scratchvet — developer entry points. `make demo` and `make test` are the
# two commands README.md promises a newcomer.

GO          ?= go
BIN         := $(CURDIR)/bin
SCRATCHVET  := $(BIN)/scratchvet
STATICCHECK_VERSION := v0.8.2
STATICCHECK := $(BIN)/staticcheck

.PHONY: build demo test lint selfcheck unit e2e staticcheck clean

build:
	$(GO) build -o $(SCRATCHVET) ./cmd/scratchvet

# The main job on an included example: the findings on testdata/demo for a
# FROM scratch image, then the fixes scratchvet would apply.
demo: build
	@echo '$$ scratchvet ./...            # in testdata/demo, target scratch'
	@cd testdata/demo && $(SCRATCHVET) ./... ; test $$? -eq 1
	@echo
	@echo '$$ scratchvet -diff ./...      # the suggested fixes'
	@cd testdata/demo && $(SCRATCHVET) -diff ./... >$(CURDIR)/bin/demo.diff ; cat $(CURDIR)/bin/demo.diff
	@echo
	@echo '$$ go vet -vettool=$$(command -v scratchvet) -target=distroless-static ./...'
	@cd testdata/demo && $(GO) vet -vettool=$(SCRATCHVET) -target=distroless-static ./... ; true

test: lint unit selfcheck

# gofmt, go vet and staticcheck must be clean.
lint: staticcheck
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' | grep -v '/testdata/')); \
	  if [ -n "$$unformatted" ]; then echo "not gofmt-ed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(STATICCHECK) ./...

staticcheck: $(STATICCHECK)
$(STATICCHECK):
	GOBIN=$(BIN) GOFLAGS= $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

unit:
	$(GO) test ./...

# scratchvet on its own code, in both modes.
selfcheck: build
	$(SCRATCHVET) ./...
	$(GO) vet -vettool=$(SCRATCHVET) ./...

clean:
	rm -rf $(BIN)
