FROM golang:1.22 AS build
WORKDIR /workspace
COPY . .
# the worker links sqlite through cgo
RUN go build -o /bin/worker ./cmd/worker

FROM gcr.io/distroless/base-debian12
COPY --from=build /bin/worker /worker
ENTRYPOINT ["/worker"]
