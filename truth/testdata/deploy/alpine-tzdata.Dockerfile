ARG ALPINE=alpine:3.22
FROM golang:1.26-alpine AS build
WORKDIR /src
COPY . .
RUN go build -o /out/app ./PROGRAM

FROM ${ALPINE}
RUN apk add --no-cache tzdata
COPY --from=build /out/app /app/app
