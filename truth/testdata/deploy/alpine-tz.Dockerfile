FROM golang:1.26-alpine AS build
WORKDIR /src
COPY . .
RUN go build -o /out/app ./PROGRAM

FROM alpine:3.22
COPY --from=build /out/app /app/app
