$session = New-Object Microsoft.PowerShell.Commands.WebRequestSession
$session.Cookies.Add((New-Object System.Net.Cookie("session_id", "s%3Aab12cd34", "/", "api.example.com")))
Invoke-WebRequest -UseBasicParsing -Uri "https://api.example.com/v1/cart/items/42?lang=fr" `
-Method PATCH `
-WebSession $session `
-UserAgent "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:145.0) Gecko/20100101 Firefox/145.0" `
-Headers @{
"Accept" = "application/json"
  "Accept-Language" = "fr,fr-FR;q=0.8,en-US;q=0.5,en;q=0.3"
  "Accept-Encoding" = "gzip, deflate, br, zstd"
  "X-CSRF-Token" = "k9Jd2`$Qa"
  "Origin" = "https://app.example.com"
  "Referer" = "https://app.example.com/cart"
  "Sec-Fetch-Dest" = "empty"
  "Sec-Fetch-Mode" = "cors"
  "Sec-Fetch-Site" = "same-site"
  "Priority" = "u=4"
} `
-ContentType "application/json" `
-Body "{`"qty`":3,`"note`":`"gift wrap`"}"
