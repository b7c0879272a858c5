const express = require("express");
const app = express();

app.get("/questions/:id", async (req, res) => {
  const id = Number(req.params.id);
  if (Number.isNaN(id)) return res.status(400).send("bad id");
  res.json({ id, text: `Question ${id}` });
});
