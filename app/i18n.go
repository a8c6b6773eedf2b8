package main

import "qcmap"

// Languages of the interface, French first.
const (
	langFR = "fr"
	langEN = "en"
)

// catalogue holds every interface string in French and English. Place names
// and titles come from the dataset, never from here.
var catalogue = map[string]qcmap.Text{
	"app.title":          {FR: "Relations bilatérales du Québec", EN: "Québec's bilateral relations"},
	"app.description":    {FR: "Carte des relations du gouvernement du Québec avec des États fédérés et des régions du monde.", EN: "Map of the Government of Québec's relations with federated states and regions around the world."},
	"skip":               {FR: "Aller au contenu", EN: "Skip to content"},
	"list.title":         {FR: "Partenaires du Québec par région du monde", EN: "Québec's partners by world area"},
	"list.lede":          {FR: "Le gouvernement du Québec entretient des relations bilatérales avec une trentaine d'États fédérés et de régions du monde.", EN: "The Government of Québec maintains bilateral relations with some thirty federated states and regions around the world."},
	"list.core":          {FR: "Au cœur des relations :", EN: "At the core of the relations:"},
	"lang.switch":        {FR: "English", EN: "Français"},
	"lang.switch.code":   {FR: "en", EN: "fr"},
	"agreements":         {FR: "Ententes", EN: "Agreements"},
	"events":             {FR: "Événements", EN: "Events"},
	"offices":            {FR: "Bureaux du Québec", EN: "Québec offices"},
	"offices.abroad":     {FR: "Bureaux du Québec à l'étranger", EN: "Québec's offices abroad"},
	"themes":             {FR: "Thèmes de la relation", EN: "Themes of the relationship"},
	"sectors":            {FR: "Secteurs", EN: "Sectors"},
	"with":               {FR: "avec", EN: "with"},
	"opened":             {FR: "ouvert en", EN: "opened in"},
	"office.in":          {FR: "Bureau du Québec à", EN: "Québec office in"},
	"no.agreement":       {FR: "La source ne nomme aucune entente avec ce partenaire.", EN: "The source names no agreement with this partner."},
	"source":             {FR: "Source", EN: "Source"},
	"source.updated":     {FR: "mise à jour le", EN: "updated"},
	"loading":            {FR: "Chargement…", EN: "Loading…"},
	"error.data":         {FR: "Les données n'ont pas pu être chargées.", EN: "The data could not be loaded."},
	"home":               {FR: "Le Québec", EN: "Québec"},
	"nav.list":           {FR: "Liste", EN: "List"},
	"filter.clear":       {FR: "voir tous les partenaires", EN: "show every partner"},
	"status.offline":     {FR: "Hors ligne : la carte fonctionne avec les données enregistrées.", EN: "Offline: the map works from the saved data."},
	"status.update":      {FR: "Nouvelle version disponible — recharger", EN: "New version available — reload"},
	"embed.open":         {FR: "Ouvrir la carte complète", EN: "Open the full map"},
	"embed.credit":       {FR: "Source : gouvernement du Québec (2019-04-18) · Fonds : Natural Earth", EN: "Source: Government of Québec (2019-04-18) · Basemap: Natural Earth"},
	"present.title":      {FR: "Présentation des partenaires du Québec", EN: "Presentation of Québec's partners"},
	"present.prev":       {FR: "Partenaire précédent", EN: "Previous partner"},
	"present.next":       {FR: "Partenaire suivant", EN: "Next partner"},
	"present.fullscreen": {FR: "Plein écran", EN: "Full screen"},
	"share.open":         {FR: "Partager", EN: "Share"},
	"share.title":        {FR: "Partager ou intégrer cette vue", EN: "Share or embed this view"},
	"share.link":         {FR: "Lien vers cette vue", EN: "Link to this view"},
	"share.copy":         {FR: "Copier", EN: "Copy"},
	"share.copied":       {FR: "Copié.", EN: "Copied."},
	"share.iframe":       {FR: "Code d'intégration (iframe)", EN: "Embed code (iframe)"},
	"share.fixed":        {FR: "16:9 fixe (960 × 540)", EN: "Fixed 16:9 (960 × 540)"},
	"share.responsive":   {FR: "Adaptatif (toute la largeur, 16:9)", EN: "Responsive (full width, 16:9)"},
	"share.download":     {FR: "Télécharger la vue", EN: "Download the view"},
	"share.preparing":    {FR: "Préparation…", EN: "Preparing…"},
	"share.done":         {FR: "Téléchargement lancé.", EN: "Download started."},
	"share.failed":       {FR: "L'image n'a pas pu être préparée.", EN: "The image could not be prepared."},
	"share.close":        {FR: "Fermer", EN: "Close"},
	"share.slides":       {FR: "Pour une présentation", EN: "For a slide deck"},
	"share.pptx":         {FR: "Pour PowerPoint ou Keynote :", EN: "For PowerPoint or Keynote:"},
	"share.pptx.png":     {FR: "image PNG 2× (3840 × 2160)", EN: "PNG picture 2× (3840 × 2160)"},
	"share.pptx.how":     {FR: "Téléchargez l'image, puis Insertion › Images dans PowerPoint, ou glissez-la sur la diapositive dans Keynote.", EN: "Download the picture, then Insert › Pictures in PowerPoint, or drag it onto the slide in Keynote."},
	"share.gslides":      {FR: "Pour Google Slides : adresse de l'image", EN: "For Google Slides: the picture's address"},
	"share.gslides.how":  {FR: "Copiez l'adresse, puis Insérer › Image › Par URL ; une nouvelle version des données donne une nouvelle adresse.", EN: "Copy the address, then Insert › Image › By URL; a new version of the data gives a new address."},
	"theme.dark":         {FR: "Thème sombre", EN: "Dark theme"},
	"nav.map":            {FR: "Carte", EN: "Map"},
	"nav.label":          {FR: "Vues et langue", EN: "Views and language"},
	"skip.map":           {FR: "Aller à la carte", EN: "Skip to the map"},
	"map.label":          {FR: "Carte du monde des partenaires du Québec", EN: "World map of Québec's partners"},
	"map.help":           {FR: "Tab passe d'un partenaire à l'autre, Entrée ouvre sa fiche, Échap la ferme. Les flèches déplacent la carte, + et − zooment, 0 revient au monde entier.", EN: "Tab moves between partners, Enter opens a partner's card, Escape closes it. Arrow keys pan the map, + and − zoom, 0 returns to the whole world."},
	"zoom.label":         {FR: "Zoom", EN: "Zoom"},
	"zoom.in":            {FR: "Zoom avant", EN: "Zoom in"},
	"zoom.out":           {FR: "Zoom arrière", EN: "Zoom out"},
	"areas.label":        {FR: "Aller à une région du monde", EN: "Go to a world area"},
	"area.world":         {FR: "Monde", EN: "World"},
	"legend.title":       {FR: "Légende et filtres", EN: "Legend and filters"},
	"legend.keys":        {FR: "Légende", EN: "Legend"},
	"legend.arcs":        {FR: "Liens depuis la ville de Québec", EN: "Links from Québec City"},
	"filter.sectors":     {FR: "Secteur des ententes", EN: "Sector of the agreements"},
	"filter.year":        {FR: "Ententes signées jusqu'en", EN: "Agreements signed up to"},
	"year.all":           {FR: "toutes les années", EN: "every year"},
	"year.upto":          {FR: "jusqu'en", EN: "up to"},
	"panel.close":        {FR: "Fermer la fiche", EN: "Close the card"},
	"source.line":        {FR: "Source : « Relations bilatérales », gouvernement du Québec, mise à jour le", EN: "Source: \"Bilateral relations\", Government of Québec, updated"},
	"source.short":       {FR: "Source : gouvernement du Québec, mise à jour le", EN: "Source: Government of Québec, updated"},
	"opened.cap":         {FR: "Ouvert en", EN: "Opened in"},
	"opened.unknown":     {FR: "La source ne donne pas l'année d'ouverture.", EN: "The source does not give the year it opened."},
	"search.label":       {FR: "Chercher un partenaire, un bureau ou une entente", EN: "Search for a partner, an office or an agreement"},
	"search.placeholder": {FR: "Chercher (ex. : São Paulo)", EN: "Search (e.g. São Paulo)"},
	"search.results":     {FR: "Résultats", EN: "Results"},
	"search.office":      {FR: "Bureau", EN: "Office"},
}

// t returns the interface string key in lang. A missing key is a
// programmer's mistake, caught by TestCatalogue; it shows as the key itself.
func t(lang, key string) string {
	if s, ok := catalogue[key]; ok {
		return s.In(lang)
	}
	return key
}

// otherLang returns the language that lang is not.
func otherLang(lang string) string {
	if lang == langEN {
		return langFR
	}
	return langEN
}
