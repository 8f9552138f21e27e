# -extldflags -static without -linkmode external, on a program with its
# own C code: that package forces the external linker, which honours
# -static, so the binary is static
# (docs/FACTS.md#a-static-link-that-is-not-one)
FROM golang:1.26 AS build
WORKDIR /src
COPY . .
RUN go build -ldflags '-s -w -extldflags "-static"' -o /out/app ./PROGRAM

FROM scratch
COPY --from=build /out/app /app/app
