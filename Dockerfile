# syntax=docker/dockerfile:1
#
# scratchvet for CI jobs (docs/ci.md#container-image):
#
#   docker build --build-arg VERSION=v0.2.0 -t scratchvet .
#   docker run --rm -v "$PWD:/src" scratchvet -format sarif ./... > scratchvet.sarif
#
# scratchvet loads packages through the go command (go list, the compiler's
# export data), so the image is the golang image with the binary added: a
# Go toolchain, and gcc for modules whose packages need cgo to load. Use a
# GO_VERSION at least as new as the go line of the modules you check (the
# golang image sets GOTOOLCHAIN=local: it never downloads another).
#
# scratchvet itself ships as the release binaries do: CGO_ENABLED=0,
# static, on a glibc system (make selfcheck checks it for this deployment).

ARG GO_VERSION=1.26

FROM golang:${GO_VERSION}-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=
ARG COMMIT=
RUN CGO_ENABLED=0 go build -trimpath -buildvcs=false \
      -ldflags="-s -w -X github.com/scratchvet/scratchvet/internal/version.stamp=${VERSION} -X github.com/scratchvet/scratchvet/internal/version.stampCommit=${COMMIT}" \
      -o /out/scratchvet ./cmd/scratchvet

FROM golang:${GO_VERSION}-bookworm
COPY --from=build /out/scratchvet /usr/local/bin/scratchvet
# The checked-out repository is mounted with another owner than the
# container's root: let git (which go list may run) read it.
RUN git config --system --add safe.directory '*'
WORKDIR /src
ENTRYPOINT ["scratchvet"]
CMD ["./..."]
