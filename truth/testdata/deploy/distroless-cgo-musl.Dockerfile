FROM golang:1.26-alpine AS build
RUN apk add --no-cache build-base
WORKDIR /src
COPY . .
RUN CGO_ENABLED=1 go build -o /out/app ./PROGRAM

FROM gcr.io/distroless/static-debian12
COPY --from=build /out/app /app/app
