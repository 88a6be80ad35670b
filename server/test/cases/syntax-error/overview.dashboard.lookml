- dashboard: overview
  title: "Overview
  elements: [
