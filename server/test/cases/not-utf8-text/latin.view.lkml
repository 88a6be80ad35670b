view: bin {ÿþ€ dimension: x {} }
