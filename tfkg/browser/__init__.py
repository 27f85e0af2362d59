"""Neo4j Browser support: the tfkg guide (``guide``), its stylesheet (``tfkg.grass``) and the small loopback HTTP
server that hands both to Browser (``serve``).

Found out from Browser 5.24's own code (the jar the managed server serves): ``:guide <url>`` and ``:style <url>``
fetch from hosts on the remote-content allowlist (default ``guides.neo4j.com, localhost``; the host must send CORS
headers), ``:guide`` splits an HTML page into ``<slide>`` elements and gives each ``pre.runnable`` block a play
icon that runs it in one click, and the server setting ``browser.post_connect_cmd`` (commands separated by ``;``)
runs after every login. The managed server sets it to load the stylesheet and open the guide.
"""
