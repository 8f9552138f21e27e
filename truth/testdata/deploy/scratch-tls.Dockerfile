FROM golang:1.26 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app ./PROGRAM

FROM scratch
COPY --from=build /out/app /app/app
