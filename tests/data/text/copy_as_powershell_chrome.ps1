$session = New-Object Microsoft.PowerShell.Commands.WebRequestSession
$session.UserAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36 Edg/142.0.0.0"
$session.Cookies.Add((New-Object System.Net.Cookie("session_id", "s%3Aab12cd34", "/", "api.example.com")))
Invoke-WebRequest -UseBasicParsing -Uri "https://api.example.com/v1/cart/items/42?lang=fr" `
-Method "PUT" `
-WebSession $session `
-Headers @{
"authority"="api.example.com"
  "method"="PUT"
  "path"="/v1/cart/items/42?lang=fr"
  "scheme"="https"
  "accept"="application/json, text/plain, */*"
  "accept-encoding"="gzip, deflate, br, zstd"
  "accept-language"="fr-FR,fr;q=0.9,en;q=0.8"
  "authorization"="Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.c2lnbmF0dXJl"
  "origin"="https://app.example.com"
  "priority"="u=1, i"
  "referer"="https://app.example.com/"
  "sec-ch-ua"="`"Microsoft Edge`";v=`"142`", `"Chromium`";v=`"142`", `"Not_A Brand`";v=`"99`""
  "sec-ch-ua-mobile"="?0"
  "sec-ch-ua-platform"="`"Windows`""
  "sec-fetch-dest"="empty"
  "sec-fetch-mode"="cors"
  "sec-fetch-site"="same-site"
  "x-request-id"="7f3c`$e1"
} `
-ContentType "application/json" `
-Body ([System.Text.Encoding]::UTF8.GetBytes("{`"name`":`"Caf$([char]233) cr$([char]232)me`",`"qty`":2}"))
