// Which of these symbols are genes of the species in the graph. params: symbols, species
UNWIND $symbols AS s
MATCH (g:Gene {symbol: s, species: $species}) USING INDEX g:Gene(symbol, species)
RETURN collect(g.symbol) AS symbols
