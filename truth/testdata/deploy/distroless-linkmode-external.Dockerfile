FROM golang:1.26 AS build
WORKDIR /src
COPY . .
RUN go build -ldflags '-linkmode external -extldflags "-static"' -o /out/app ./PROGRAM

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/app /app/app
