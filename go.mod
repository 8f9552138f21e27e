module github.com/scratchvet/scratchvet

go 1.23.0
