x = "ÿþ broken Ã"
