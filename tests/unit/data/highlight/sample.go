package main

import "fmt"

type Question struct {
	Text  string
	Votes int
}

func main() {
	q := Question{Text: "Why Go?", Votes: 2}
	fmt.Println(q.Text, q.Votes, nil)
}
