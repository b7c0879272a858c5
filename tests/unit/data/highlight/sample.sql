-- Top questions of the last hour
SELECT q.id, q.text, COUNT(v.id) AS votes
FROM questions AS q
LEFT JOIN votes AS v ON v.question_id = q.id
WHERE q.created_at > NOW() - INTERVAL '1 hour'
GROUP BY q.id, q.text
ORDER BY votes DESC
LIMIT 10;
