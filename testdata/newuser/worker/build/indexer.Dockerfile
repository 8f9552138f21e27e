FROM golang:1.23-alpine AS build
RUN apk add --no-cache build-base
WORKDIR /src
COPY . .
RUN go build -o /out/indexer ./cmd/indexer

FROM alpine:3.20 AS release
COPY --from=build /out/indexer /usr/local/bin/indexer
ENTRYPOINT ["indexer"]

FROM scratch AS minimal
COPY --from=build /out/indexer /indexer
ENTRYPOINT ["/indexer"]
